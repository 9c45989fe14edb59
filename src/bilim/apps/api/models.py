from bilim.apps.api.auth import ApiToken

__all__ = ["ApiToken"]
