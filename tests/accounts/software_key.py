"""A passkey made in software, for tests without a browser: a real P-256 key pair, and the same registration
and sign-in answers (WebAuthn's JSON form) that a browser posts, built with fido2's own types. The server checks
them exactly as it checks a phone's or a security key's: challenge, origin, key and signature."""

import hashlib
import json
import os
import re
from html import unescape

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticationExtensionsClientOutputs,
    AuthenticationResponse,
    AuthenticatorAssertionResponse,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

ADD = "/accounts/2fa/webauthn/add/"
# The test client's host is "testserver"; WebAuthn allows only https there (http only on localhost).
ORIGIN = "https://testserver"
SEEN = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV


def page_data(html: str) -> dict:
    """The WebAuthn options a page hands to the browser (its js_data block)."""
    found = re.search(r'<script id="js_data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page offers no passkey"
    return json.loads(unescape(found[1]))


class SoftwareKey:
    def __init__(self, rp_id: str = "testserver"):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.rp_id_hash = hashlib.sha256(rp_id.encode()).digest()
        self.counter = 0

    def register(self, creation_options: dict, origin: str = ORIGIN) -> str:
        """The browser's answer to "create a credential", as the add form posts it."""
        client_data = CollectedClientData.create("webauthn.create", creation_options["publicKey"]["challenge"], origin)
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.private.public_key())
        )
        auth_data = AuthenticatorData.create(self.rp_id_hash, SEEN | AuthenticatorData.FLAG.AT, 0, credential)
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=client_data, attestation_object=AttestationObject.create("none", auth_data, {})
            ),
            client_extension_results=AuthenticationExtensionsClientOutputs({"credProps": {"rk": False}}),
        )
        return json.dumps(dict(response))

    def sign(self, request_options: dict, origin: str = ORIGIN) -> str:
        """The browser's answer to "prove you hold the key", as the two-step form posts it."""
        client_data = CollectedClientData.create("webauthn.get", request_options["publicKey"]["challenge"], origin)
        self.counter += 1
        auth_data = AuthenticatorData.create(self.rp_id_hash, SEEN, self.counter)
        signature = self.private.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        response = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client_data, authenticator_data=auth_data, signature=signature
            ),
        )
        return json.dumps(dict(response))


def add_passkey(client, key: SoftwareKey, name: str = "my phone", **sign):
    """Add ``key`` to the signed-in person's account through the add page, as the browser would."""
    from tests.personas import PASSWORD

    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # adding one asks for the password again
    page = client.get(ADD)
    assert page.status_code == 200
    credential = key.register(page_data(page.content.decode())["creation_options"], **sign)
    return client.post(ADD, {"name": name, "credential": credential})
