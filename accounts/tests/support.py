"""Constants and small helpers shared by the accounts tests."""

PASSWORD = "Sandi-yang-kuat-123"
NIP = "198501012010011001"


def audit_events(event, **filters):
    from security.models import AuditEntry

    return list(AuditEntry.objects.filter(event=event, **filters).order_by("id"))


def login_password(client, identifier, password=PASSWORD, **extra):
    """Submit the password step of the login form."""
    from django.urls import reverse

    return client.post(reverse("accounts:login"), {"username": identifier, "password": password, **extra})
