"""Where the sync logic lives: keyword-only ``<entity>_<action>`` functions.

Commands, dashboard views and Celery tasks call these and nothing deeper.
"""
