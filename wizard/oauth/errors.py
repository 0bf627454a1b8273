"""Why a sign-in did not work, in categories that need different words and next steps."""

from __future__ import annotations

from enum import StrEnum

from wizard.errors import WizardError


class OAuthProblem(StrEnum):
    """Why signing in failed. Values are stable message ids (``wizard.messages``)."""

    NO_ISSUER = "no-issuer"  # nothing trusted says where this server's users sign in
    NO_CLIENT = "no-client"  # no client registration for this issuer, and none can be made
    NO_DEVICE_FLOW = "no-device-flow"  # the issuer offers no device-code sign-in
    METADATA = "metadata"  # the issuer's published metadata is missing or unusable
    UNREACHABLE = "unreachable"  # the sign-in server could not be reached
    REGISTRATION = "registration"  # dynamic client registration was refused
    TIMED_OUT = "timed-out"  # the user did not finish signing in in time
    REDIRECT_REJECTED = "redirect-rejected"  # a reply that did not belong to this sign-in
    DENIED = "denied"  # the user (or an administrator) said no
    EXPIRED = "expired"  # the device code ran out before the user finished
    SIGN_IN_AGAIN = "sign-in-again"  # the stored sign-in is no longer valid
    REFUSED = "refused"  # the sign-in server refused for another reason (its words in detail)


class OAuthError(WizardError):
    """Signing in failed. ``issuer`` names the sign-in server; ``detail`` has its own words
    (an OAuth error code and description), never a token; ``code`` the OAuth error code
    alone (``invalid_scope``...), when it sent one."""

    def __init__(
        self, problem: OAuthProblem, issuer: str = "", detail: str = "", code: str = ""
    ) -> None:
        super().__init__(f"{problem.value}: {issuer}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.issuer = issuer
        self.detail = detail
        self.code = code
