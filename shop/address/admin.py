from oscar.apps.address.admin import *  # noqa: F401,F403
