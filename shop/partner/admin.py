from oscar.apps.partner.admin import *  # noqa: F403  (registers Oscar's partner admin)
