"""OAuth2 sign-in for SMTP: where to sign in, with which client, the browser and device-code
flows, and the tokens. No Qt here; the CLI and the GUI present it.

- ``issuers``: who signs the user in for a server (provider data, the built-in table, an
  issuer's published metadata) and the trust rules for where sign-in endpoints may come from.
- ``clients``: the client registration to use for an issuer (flags, the registrations files,
  RFC 7591 dynamic registration kept per issuer).
- ``loopback`` and ``browser``: the RFC 8252 redirect listener and opening the system browser.
- ``flows``: the authorization-code flow (PKCE S256, state, RFC 9207 ``iss``) and the device
  authorization grant (RFC 8628).
- ``tokens``: refreshing, revoking, and the refresh token's place in the keychain.
"""
