/*
 * config_tls.c: the certificate and key of Brink.ListenTls, read and
 * checked at load time so that `brink config check`, `brink serve` and a
 * SIGHUP reload all refuse the same bad files with the JSON path.
 *
 * Invariant: a loaded config with listen_tls.addr.set holds PEM text that
 * parses as at least one certificate and a private key matching the first
 * certificate (unless file checks are off). The server builds its SSL_CTX
 * from that text, never from the files again.
 */
#include <errno.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "config/config_int.h"
#include "core/buf.h"

/* OpenSSL's last queued reason ("no start line"), or 'dflt'. */
static const char *ssl_reason(const char *dflt)
{
    unsigned long e = ERR_peek_last_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    return r ? r : dflt;
}

/* Reads 'path' into the config arena as a NUL-terminated slice. */
static int read_pem(bk_config__ld_t *ld, const char *key, const char *path,
                    bk_str_t *out)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    if (bk_buf_read_file(&b, path) != BK_OK) {
        int e = errno;
        bk_buf_free(&b);
        return bk_config__fail(ld, key, "cannot read %s: %s", path,
                               strerror(e));
    }
    if (b.n > (1u << 20)) {
        bk_buf_free(&b);
        return bk_config__fail(ld, key, "%s: larger than 1 MB", path);
    }
    char *p = bk_config__strdup(ld, b.n ? (const char *)b.p : "", b.n);
    bk_buf_free(&b);
    if (p == NULL)
        return BK_ERR;
    *out = bk_str(p, strlen(p));
    return BK_OK;
}

int bk_config__tls_keypair(bk_config__ld_t *ld, bk_config_listen_tls_t *t)
{
    if (ld->flags & BK_CONFIG_NO_FILE_CHECKS)
        return BK_OK;
    if (read_pem(ld, "CertificateFile", t->cert_file, &t->cert_pem) != BK_OK ||
        read_pem(ld, "PrivateKeyFile", t->key_file, &t->key_pem) != BK_OK)
        return BK_ERR;
    int rc = BK_ERR;
    X509 *cert = NULL;
    EVP_PKEY *key = NULL;
    ERR_clear_error();
    BIO *b = BIO_new_mem_buf(t->cert_pem.p, (int)t->cert_pem.n);
    if (b == NULL) {
        bk_config__oom(ld);
        goto out;
    }
    cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
    /* The chain after it must parse too (the server loads it). */
    while (cert != NULL) {
        X509 *more = PEM_read_bio_X509(b, NULL, NULL, NULL);
        if (more == NULL)
            break;
        X509_free(more);
    }
    BIO_free(b);
    if (cert == NULL) {
        bk_config__fail(ld, "CertificateFile", "%s: no PEM certificate (%s)",
                        t->cert_file, ssl_reason("unreadable"));
        goto out;
    }
    unsigned long e = ERR_peek_last_error();
    if (e != 0 && ERR_GET_REASON(e) != PEM_R_NO_START_LINE) {
        /* A later block of the chain is broken. */
        bk_config__fail(ld, "CertificateFile", "%s: bad certificate in the "
                        "chain (%s)", t->cert_file, ssl_reason("unreadable"));
        goto out;
    }
    ERR_clear_error();
    b = BIO_new_mem_buf(t->key_pem.p, (int)t->key_pem.n);
    if (b == NULL) {
        bk_config__oom(ld);
        goto out;
    }
    /* An empty passphrase callback result: encrypted keys are refused
     * rather than prompting on the terminal. */
    key = PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"");
    BIO_free(b);
    if (key == NULL) {
        bk_config__fail(ld, "PrivateKeyFile", "%s: no usable PEM private key "
                        "(%s)", t->key_file, ssl_reason("unreadable"));
        goto out;
    }
    ERR_clear_error();
    if (X509_check_private_key(cert, key) != 1) {
        bk_config__fail(ld, "PrivateKeyFile", "%s does not match the "
                        "certificate in %s", t->key_file, t->cert_file);
        goto out;
    }
    rc = BK_OK;
out:
    ERR_clear_error();
    X509_free(cert);
    EVP_PKEY_free(key);
    return rc;
}
