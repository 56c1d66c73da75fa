#!/bin/sh
# Regenerates the TEST-ONLY certificate authority and server certificate used by fixture-exchange's
# wss:// mode and the TLS end-to-end tests. Never use these keys for anything else.
#
#   Fixtures/tls/make-certs.sh        (run from anywhere; writes next to this script)
set -eu
cd "$(dirname "$0")"
days=36500

# 1. The test CA (EC P-256, self-signed, may only sign certificates).
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -sha256 -days "$days" -key ca.key -out ca.pem \
    -subj "/O=streamer tests/CN=streamer test CA (do not trust)" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash"

# 2. The server key and a certificate for localhost / 127.0.0.1 signed by the CA.
openssl ecparam -name prime256v1 -genkey -noout -out server.key
openssl req -new -sha256 -key server.key -out server.csr -subj "/O=streamer tests/CN=localhost"
cat > server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
EXT
openssl x509 -req -sha256 -days "$days" -in server.csr -CA ca.pem -CAkey ca.key -set_serial 0x"$(openssl rand -hex 8)" \
    -extfile server.ext -out server.pem
rm -f server.csr server.ext ca.srl
chmod 644 ca.key server.key

openssl verify -CAfile ca.pem server.pem
