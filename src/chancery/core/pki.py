"""A small certificate authority, for tests and the demo: issues signing certificates that
pyHanko accepts (non-repudiation key usage), a time-stamping certificate for the local testing
time-stamp authority, and a certificate revocation list (so that signatures carry validation data,
PAdES B-LT, without any network). Real deployments trust their own CA (eID, a qualified trust
service) through CHANCERY_SIGNING_TRUST_ROOTS and an RFC 3161 authority through
CHANCERY_SIGNING_TSA_URL instead."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(*, signing: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing, content_commitment=signing, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False,
    )  # fmt: skip


@dataclass
class Authority:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    @property
    def key_pem(self) -> str:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()

    @classmethod
    def from_pem(cls, certificate_pem: str, key_pem: str) -> Authority:
        return cls(
            x509.load_pem_x509_certificate(certificate_pem.encode()),
            serialization.load_pem_private_key(key_pem.encode(), password=None),
        )

    @property
    def crl_url(self) -> str:
        """Where the certificates say the revocation list is. Nothing is fetched from it: the list
        is handed to the validator (CHANCERY_SIGNING_CRLS), the name only ties the two together."""
        serial = format(self.certificate.serial_number, "x")[:16]
        return f"http://pki.chancery.invalid/{serial}.crl"

    def _builder(self, subject: x509.Name, public_key, days: int) -> x509.CertificateBuilder:
        now = datetime.datetime.now(datetime.UTC)
        distribution = x509.DistributionPoint([x509.UniformResourceIdentifier(self.crl_url)], None, None, None)
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.CRLDistributionPoints([distribution]), critical=False)
        )

    def issue(self, common_name: str, passphrase: str, *, days: int = 730) -> tuple[str, str]:
        """A signing certificate and its private key (PEM, encrypted with `passphrase`)."""
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = (
            self._builder(_name(common_name, "Vlaamse overheid"), key.public_key(), days)
            .add_extension(_usage(signing=True, ca=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        encrypted = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode(), encrypted.decode()

    def issue_seal(self, organisation: str, *, days: int = 1095) -> tuple[str, str]:
        """An organisation's seal certificate and its unencrypted key (PEM): the service signs the
        documents it issues with it, unattended (CHANCERY_SIGNING_SEAL)."""
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = (
            self._builder(_name(organisation, organisation), key.public_key(), days)
            .add_extension(_usage(signing=True, ca=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode(), key_pem.decode()

    def issue_time_stamping(self, common_name: str = "Chancery test TSA", *, days: int = 3650) -> str:
        """Certificate and unencrypted key (one PEM text) of a time-stamp authority: RSA, because
        pyHanko's local testing TSA signs only with RSA; extended key usage timeStamping only,
        critical, as RFC 3161 requires."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        certificate = (
            self._builder(_name(common_name, "Chancery"), key.public_key(), days)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode() + key_pem.decode()

    def revocation_list(self, revoked: tuple[str, ...] = (), *, days: int = 7) -> str:
        """A CRL (PEM) revoking the given certificates (PEM); fresh for `days`."""
        now = datetime.datetime.now(datetime.UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(now - datetime.timedelta(minutes=5))
            .next_update(now + datetime.timedelta(days=days))
        )
        for pem in revoked:
            serial = x509.load_pem_x509_certificate(pem.encode()).serial_number
            entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
            builder = builder.add_revoked_certificate(entry)
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


def create_authority(common_name: str = "Chancery test CA", *, days: int = 3650) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    name = _name(common_name, "Chancery")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(signing=False, ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)
