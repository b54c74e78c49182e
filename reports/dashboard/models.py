"""What the dashboard keeps between requests: how many cases of each kind were received on
each day that can no longer change (received_days.py), so its twelve-month trend counts
only the last weeks' cases live."""

from django.db import models
from django.utils import timezone


class ReceivedDayCount(models.Model):
    """Cases of one kind received on one day, counted by received_days.refresh."""

    kind = models.CharField(max_length=20)
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "kind"], name="reports_received_day_once")]

    def __str__(self):
        return f"{self.kind} {self.day}: {self.count}"


class ReceivedDayCoverage(models.Model):
    """The days the counts cover, both included (one row): a day without a count within
    them had no case."""

    first_day = models.DateField()
    last_day = models.DateField()
    counted_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.first_day} – {self.last_day}"
