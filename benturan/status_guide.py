"""What each state of a conflict-of-interest case means to the employee who filed it
(the official who declared it, or a colleague who reported it), and what happens next.

Read through casework.next_step on the filer's own page. The one date is the decision
clock (keputusan), the limit the deciding superior's page lists too.
"""

from django.utils.translation import gettext_lazy as _

from casework.next_step import NOBODY, StatusGuide, StepRule

from .choices import Clock, State

_DECIDE = _("Atasan atau Tim Benturan Kepentingan memutuskan pengendaliannya paling lambat %(date)s.")

RULES = {
    State.DIAJUKAN: StepRule(
        meaning=_("Pernyataan atau laporan ini sudah diajukan dan menunggu dibaca oleh yang memutuskannya."),
        next=_DECIDE,
        clocks=(Clock.KEPUTUSAN,),
    ),
    State.ANALISIS: StepRule(
        meaning=_("Yang memutuskan sedang menilai apakah benturan kepentingan itu nyata dan apa dampaknya."),
        next=_DECIDE,
        clocks=(Clock.KEPUTUSAN,),
    ),
    State.PELAKSANAAN: StepRule(
        meaning=_("Pengendalian sudah diputuskan dan menunggu dilaksanakan."),
        undated=_("Pengendalian dilaksanakan dan buktinya dicatat; sesudah itu pelaksanaannya dipantau."),
    ),
    State.PEMANTAUAN: StepRule(
        meaning=_("Pengendalian sudah dilaksanakan dan sedang dipantau."),
        undated=_("Pelaksanaan pengendalian dipantau, lalu kasus ini diselesaikan."),
    ),
    State.SELESAI: StepRule(
        meaning=_("Penanganan benturan kepentingan ini sudah selesai."),
        undated=_("Tidak ada langkah lagi. Bila keadaannya berubah, ajukan pernyataan atau laporan baru."),
        actor=NOBODY,
    ),
    State.TIDAK_ADA_KONFLIK: StepRule(
        meaning=_("Yang memutuskan menyimpulkan tidak terdapat benturan kepentingan."),
        undated=_("Tidak ada langkah lagi; kasus ini ditutup."),
        actor=NOBODY,
    ),
}

GUIDE = StatusGuide(rules=RULES, order=tuple(State.values))
