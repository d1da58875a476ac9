function grade(n) {
    if (n >= 90) return 'A';
    else if (n >= 80) return 'B';
    else if (n >= 70) return 'C';
    else return 'F';
}
console.log([95, 85, 75, 10, 90, 89.99].map(grade).join(''));
