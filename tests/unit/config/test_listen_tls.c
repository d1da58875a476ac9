/*
 * test_listen_tls.c: Brink.ListenTls: the address, the certificate and key
 * files read at load time, and every way they can be wrong (missing,
 * unreadable, not PEM, a broken chain, an encrypted or mismatched key),
 * each an error naming the JSON path. The certificates are made here with
 * OpenSSL in a temporary directory.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"

static char dir[] = "/tmp/brink-cfgtls-XXXXXX";

static char *at(const char *name)
{
    static char paths[8][512];
    static unsigned next;
    char *p = paths[next++ % 8];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

static EVP_PKEY *new_key(void)
{
    EVP_PKEY *k = EVP_EC_gen("P-256");
    assert_non_null(k);
    return k;
}

static void write_cert(const char *name, EVP_PKEY *k)
{
    X509 *x = X509_new();
    assert_non_null(x);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_set_pubkey(x, k);
    X509_NAME *n = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
                               (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(x, n);
    assert_true(X509_sign(x, k, EVP_sha256()) > 0);
    FILE *f = fopen(at(name), "w");
    assert_non_null(f);
    PEM_write_X509(f, x);
    fclose(f);
    X509_free(x);
}

static void write_key(const char *name, EVP_PKEY *k, int encrypted)
{
    FILE *f = fopen(at(name), "w");
    assert_non_null(f);
    if (encrypted)
        PEM_write_PrivateKey(f, k, EVP_aes_128_cbc(), (unsigned char *)"pw", 2,
                             NULL, NULL);
    else
        PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
    fclose(f);
}

static void write_text(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (mkdtemp(dir) == NULL)
        return -1;
    EVP_PKEY *k = new_key(), *other = new_key();
    write_cert("cert.pem", k);
    write_key("key.pem", k, 0);
    write_key("other.key", other, 0);
    write_key("enc.key", k, 1);
    write_text("garbage.pem", "this is not PEM\n");
    /* The certificate followed by a broken second block. */
    FILE *in = fopen(at("cert.pem"), "r"), *out = fopen(at("badchain.pem"), "w");
    char line[256];
    while (fgets(line, sizeof(line), in))
        fputs(line, out);
    fputs("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", out);
    fclose(in);
    fclose(out);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"cert.pem", "key.pem", "other.key", "enc.key",
                           "garbage.pem", "badchain.pem", "noread.pem"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        unlink(at(names[i]));
    rmdir(dir);
    return 0;
}

#define MIN_DIST                                                              \
    "\"Origins\":{\"Quantity\":1,\"Items\":[{\"Id\":\"o\","                   \
    "\"DomainName\":\"127.0.0.1\",\"CustomOriginConfig\":{"                   \
    "\"OriginProtocolPolicy\":\"http-only\"}}]},"                             \
    "\"DefaultCacheBehavior\":{\"TargetOriginId\":\"o\","                     \
    "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":"               \
    "\"CachingDisabled\"}"

/* Loads a config whose Brink object is 'brink' (relative paths against the
 * temporary directory). */
static int load(const char *brink, unsigned flags, bk_config_t **c, char *err)
{
    char json[2048];
    snprintf(json, sizeof(json), "{" MIN_DIST ",\"Brink\":%s}", brink);
    *c = NULL;
    return bk_config_load_mem(json, strlen(json), "t.json", dir, flags, c, err,
                              BK_CONFIG_ERR_MAX);
}

static void load_err(const char *brink, const char *want_prefix,
                     const char *want_part)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c;
    assert_int_equal(load(brink, 0, &c, err), BK_ERR);
    assert_null(c);
    if (strncmp(err, want_prefix, strlen(want_prefix)) != 0 ||
        (want_part && strstr(err, want_part) == NULL))
        fail_msg("got '%s', want '%s...%s'", err, want_prefix,
                 want_part ? want_part : "");
}

static void test_ok(void **state)
{
    (void)state;
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c;
    if (load("{\"ListenTls\":{\"Address\":\"127.0.0.1:8443\","
             "\"CertificateFile\":\"cert.pem\",\"PrivateKeyFile\":\"key.pem\"}}",
             0, &c, err) != BK_OK)
        fail_msg("%s", err);
    const bk_config_listen_tls_t *t = &c->listen_tls;
    assert_true(t->addr.set);
    assert_int_equal(t->addr.port, 8443);
    assert_string_equal(t->addr.host, "127.0.0.1");
    assert_string_equal(t->cert_file, at("cert.pem"));
    assert_string_equal(t->key_file, at("key.pem"));
    assert_non_null(strstr((const char *)t->cert_pem.p,
                           "-----BEGIN CERTIFICATE-----"));
    assert_non_null(strstr((const char *)t->key_pem.p, "PRIVATE KEY-----"));
    assert_int_equal(t->cert_pem.n, strlen((const char *)t->cert_pem.p));
    bk_config_free(c);

    /* Without ListenTls: no HTTPS listener. */
    assert_int_equal(load("{}", 0, &c, err), BK_OK);
    assert_false(c->listen_tls.addr.set);
    assert_null(c->listen_tls.cert_file);
    bk_config_free(c);

    /* Without file checks (fuzzing): nothing is read. */
    assert_int_equal(load("{\"ListenTls\":{\"Address\":\":8443\","
                          "\"CertificateFile\":\"nope.pem\","
                          "\"PrivateKeyFile\":\"nope.key\"}}",
                          BK_CONFIG_NO_FILE_CHECKS, &c, err),
                     BK_OK);
    assert_true(c->listen_tls.addr.set);
    assert_int_equal(c->listen_tls.cert_pem.n, 0);
    bk_config_free(c);
}

static void test_fields(void **state)
{
    (void)state;
    load_err("{\"ListenTls\":\"127.0.0.1:8443\"}",
             "t.json: $.Brink.ListenTls: must be an object", NULL);
    load_err("{\"ListenTls\":{\"CertificateFile\":\"cert.pem\","
             "\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.Address: required field is missing",
             NULL);
    load_err("{\"ListenTls\":{\"Address\":\"127.0.0.1:8443\","
             "\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.CertificateFile: required field is "
             "missing",
             NULL);
    load_err("{\"ListenTls\":{\"Address\":\"127.0.0.1:8443\","
             "\"CertificateFile\":\"cert.pem\"}}",
             "t.json: $.Brink.ListenTls.PrivateKeyFile: required field is "
             "missing",
             NULL);
    load_err("{\"ListenTls\":{\"Address\":\"1.2.3:80\","
             "\"CertificateFile\":\"cert.pem\",\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.Address: ", "not a numeric");
    load_err("{\"ListenTls\":{\"Address\":\"127.0.0.1:8080\","
             "\"CertificateFile\":\"cert.pem\",\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.Address: same address as Listen", NULL);
    load_err("{\"Listen\":\"127.0.0.1:9000\",\"ListenTls\":{\"Address\":"
             "\"127.0.0.1:9000\",\"CertificateFile\":\"cert.pem\","
             "\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.Address: same address as Listen", NULL);
    load_err("{\"Admin\":\"127.0.0.1:9001\",\"ListenTls\":{\"Address\":"
             "\"127.0.0.1:9001\",\"CertificateFile\":\"cert.pem\","
             "\"PrivateKeyFile\":\"key.pem\"}}",
             "t.json: $.Brink.ListenTls.Address: same address as Admin", NULL);
    /* Unknown members warn, as everywhere in the Brink object. */
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c;
    assert_int_equal(load("{\"ListenTls\":{\"Address\":\"127.0.0.1:8443\","
                          "\"CertificateFile\":\"cert.pem\","
                          "\"PrivateKeyFile\":\"key.pem\",\"Http2\":true}}",
                          0, &c, err),
                     BK_OK);
    assert_int_equal(c->n_warnings, 1);
    assert_non_null(strstr(c->warnings[0], "$.Brink.ListenTls.Http2"));
    bk_config_free(c);
}

static void test_bad_files(void **state)
{
    (void)state;
    char brink[1024];
#define TLS(cert, key)                                                        \
    (snprintf(brink, sizeof(brink),                                           \
              "{\"ListenTls\":{\"Address\":\"127.0.0.1:8443\","               \
              "\"CertificateFile\":\"%s\",\"PrivateKeyFile\":\"%s\"}}",       \
              cert, key),                                                     \
     brink)
    load_err(TLS("missing.pem", "key.pem"),
             "t.json: $.Brink.ListenTls.CertificateFile: cannot read ",
             "missing.pem: No such file or directory");
    load_err(TLS("cert.pem", "missing.key"),
             "t.json: $.Brink.ListenTls.PrivateKeyFile: cannot read ",
             "missing.key");
    load_err(TLS("garbage.pem", "key.pem"),
             "t.json: $.Brink.ListenTls.CertificateFile: ",
             "garbage.pem: no PEM certificate (no start line)");
    load_err(TLS("key.pem", "key.pem"),
             "t.json: $.Brink.ListenTls.CertificateFile: ",
             "no PEM certificate");
    load_err(TLS("badchain.pem", "key.pem"),
             "t.json: $.Brink.ListenTls.CertificateFile: ",
             "bad certificate in the chain");
    load_err(TLS("cert.pem", "garbage.pem"),
             "t.json: $.Brink.ListenTls.PrivateKeyFile: ",
             "no usable PEM private key");
    load_err(TLS("cert.pem", "cert.pem"),
             "t.json: $.Brink.ListenTls.PrivateKeyFile: ",
             "no usable PEM private key");
    load_err(TLS("cert.pem", "enc.key"),
             "t.json: $.Brink.ListenTls.PrivateKeyFile: ",
             "no usable PEM private key");
    load_err(TLS("cert.pem", "other.key"),
             "t.json: $.Brink.ListenTls.PrivateKeyFile: ",
             "other.key does not match the certificate in");
    if (getuid() != 0) {
        write_text("noread.pem", "x");
        chmod(at("noread.pem"), 0);
        load_err(TLS("noread.pem", "key.pem"),
                 "t.json: $.Brink.ListenTls.CertificateFile: cannot read ",
                 "Permission denied");
    }
#undef TLS
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
