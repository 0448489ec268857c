from django.core.management.base import BaseCommand

from shop.certifications.services import certifications_daily_run


class Command(BaseCommand):
    help = (
        "Run the daily certification step now (the beat task does it every day): hold and delist products "
        "whose required certificate expired, tell their artisans and the curators once, and send the "
        "30- and 7-day reminders once. Running it twice sends nothing new."
    )

    def handle(self, *args, **options):
        result = certifications_daily_run()
        self.stdout.write(
            f"held {len(result.held)}, released {len(result.released)}, expiry notices {result.expired_notices}, "
            f"reminders 30 days {result.reminders[30]}, 7 days {result.reminders[7]}, emails sent {result.emails}"
        )
