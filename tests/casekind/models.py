from django.db import models
from django_fsm import transition

from casework.models import Case
from casework.workflow import condition


@condition("Ringkasan tindak lanjut wajib diisi.")
def has_summary(case):
    return bool(case.summary)


class KasusUji(Case):
    summary = models.TextField(blank=True)

    @transition(
        field="state",
        source="baru",
        target="diverifikasi",
        custom={"public": True, "stops": ["verifikasi"], "starts": ["penyelesaian"]},
    )
    def verifikasi(self):
        pass

    @transition(field="state", source="baru", target="ditunda", custom={"public": True, "pauses": True})
    def tunda(self):
        pass

    @transition(field="state", source="ditunda", target="baru", custom={"by_reporter": True, "resumes": True})
    def lengkapi(self):
        pass

    @transition(
        field="state", source="diverifikasi", target="selesai", conditions=[has_summary], custom={"public": True}
    )
    def selesaikan(self):
        pass

    @transition(field="state", source=["baru", "diverifikasi"], target="ditolak", custom={"public": True})
    def tolak(self):
        pass

    @transition(
        field="state", source="selesai", target="diverifikasi", custom={"by_reporter": True, "reporter_only": True}
    )
    def buka_kembali(self):
        pass
