"""The reports' models, each area's in its own module."""

from .dashboard.models import ReceivedDayCount, ReceivedDayCoverage
from .jobs.models import ReportJob

__all__ = ["ReceivedDayCount", "ReceivedDayCoverage", "ReportJob"]
