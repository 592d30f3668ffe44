from django.core.management.base import BaseCommand

from digests import services


class Command(BaseCommand):
    help = "Send the digests that are due, in this process (no broker needed). --now: every confirmed subscription."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Treat every confirmed subscription as due.")

    def handle(self, now, **options):
        delivery_ids, report = services.run_digests(force=now)
        self.stdout.write(
            f"Claimed {len(delivery_ids)} digest(s): sent {len(report.sent)}, nothing new {len(report.empty)}, "
            f"cancelled {len(report.cancelled)}, failed {len(report.failed)}."
        )
        for delivery_id in report.failed:
            self.stderr.write(f"digest {delivery_id} failed; see its DigestDelivery row for the SMTP error.")
