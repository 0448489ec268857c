"""Signals of the stock pool."""
from django.dispatch import Signal

# Sent after a queryset ``update()`` changed stock records (``sender`` is the
# model). Oscar allocates, consumes and cancels stock with ``update()`` and F()
# expressions, which send no ``post_save``; caches of prices and availability
# (shop/gallery/summaries.py) listen to this besides post_save/post_delete.
stockrecords_updated = Signal()
