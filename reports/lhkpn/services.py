"""Changes to the LHKPN/LHKASN register, each in one transaction with its audit entry:
setting who must file in a year, removing an obligation set by mistake, recording a
filing (date, receipt number, optional receipt file) or correcting it, and clearing a
filing recorded for the wrong person."""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.sanitize import CleanFile
from security import audit

from .access import may_keep
from .models import RECEIPT_MAX_LENGTH, JenisLaporanHarta, LhkpnBukti, LhkpnKewajiban

LHKPN_OBLIGATION_SET = "lhkpn.obligation_set"
LHKPN_OBLIGATION_REMOVED = "lhkpn.obligation_removed"
LHKPN_FILING_RECORDED = "lhkpn.filing_recorded"
LHKPN_FILING_CLEARED = "lhkpn.filing_cleared"


def _keeper(actor) -> None:
    if not may_keep(actor):
        raise PermissionDenied


def _locked(kewajiban: LhkpnKewajiban) -> LhkpnKewajiban:
    return LhkpnKewajiban.objects.select_for_update().get(pk=kewajiban.pk)


def lhkpn_obligations_set(*, tahun: int, pegawai: list, jenis: str, actor, request=None) -> list[LhkpnKewajiban]:
    """Oblige each of `pegawai` to file the `jenis` report for `tahun`. Call when the Tim
    ZI / TPI marks who must file; each person's unit and position are kept as they are
    now. Someone already on the year's register is refused by name (nobody files twice)."""
    _keeper(actor)
    if jenis not in JenisLaporanHarta.values:
        raise ValidationError({"jenis": _("Pilih LHKPN atau LHKASN.")})
    if not pegawai:
        raise ValidationError({"pegawai": _("Pilih setidaknya satu pegawai.")})
    people = list(get_user_model().objects.filter(pk__in=[person.pk for person in pegawai], is_active=True))
    if len(people) != len({person.pk for person in pegawai}):
        raise ValidationError({"pegawai": _("Hanya akun yang aktif dapat ditetapkan wajib lapor.")})
    with transaction.atomic():
        already = LhkpnKewajiban.objects.filter(tahun=tahun, pegawai__in=people).select_related("pegawai")
        if already:
            names = ", ".join(sorted(str(row.pegawai) for row in already))
            raise ValidationError(
                {"pegawai": _("Sudah ada di register tahun %(year)s: %(names)s.") % {"year": tahun, "names": names}}
            )
        try:
            with transaction.atomic():
                rows = LhkpnKewajiban.objects.bulk_create(
                    LhkpnKewajiban(
                        tahun=tahun,
                        pegawai=person,
                        jenis=jenis,
                        jabatan=person.jabatan,
                        unit_id=person.unit_id,
                        ditetapkan_oleh=actor,
                    )
                    for person in sorted(people, key=lambda person: person.pk)
                )
        except IntegrityError:
            # Someone else added one of them meanwhile.
            raise ValidationError(
                {"pegawai": _("Sebagian pegawai baru saja ditetapkan orang lain; muat ulang.")}
            ) from None
        for row in LhkpnKewajiban.objects.filter(tahun=tahun, pegawai__in=people):
            audit.record(
                LHKPN_OBLIGATION_SET,
                actor=actor,
                obj=row,
                request=request,
                data={"tahun": tahun, "pegawai": row.pegawai_id, "jenis": jenis},
            )
    return rows


def lhkpn_obligation_remove(*, kewajiban: LhkpnKewajiban, actor, request=None) -> None:
    """Remove an obligation set by mistake. A filed one stays: clear its filing first, so
    a filing never disappears with a click."""
    _keeper(actor)
    with transaction.atomic():
        row = _locked(kewajiban)
        if row.filed:
            raise ValidationError(_("Penyampaiannya sudah dicatat; batalkan catatan penyampaian lebih dahulu."))
        audit.record(
            LHKPN_OBLIGATION_REMOVED,
            actor=actor,
            obj=row,
            request=request,
            data={"tahun": row.tahun, "pegawai": row.pegawai_id, "jenis": row.jenis},
        )
        row.delete()


def lhkpn_filing_record(
    *,
    kewajiban: LhkpnKewajiban,
    tanggal_lapor,
    nomor_tanda_terima: str,
    bukti: CleanFile | None = None,
    actor,
    request=None,
) -> LhkpnKewajiban:
    """Record (or correct) when the official filed and the receipt number, with the
    receipt as a file if given (a new file replaces the old one; none keeps it)."""
    _keeper(actor)
    nomor = (nomor_tanda_terima or "").strip()
    errors = {}
    if tanggal_lapor is None:
        errors["tanggal_lapor"] = _("Isi tanggal penyampaian.")
    elif tanggal_lapor > timezone.localdate():
        errors["tanggal_lapor"] = _("Tanggal penyampaian tidak boleh sesudah hari ini.")
    if not nomor:
        errors["nomor_tanda_terima"] = _("Isi nomor tanda terima.")
    elif len(nomor) > RECEIPT_MAX_LENGTH:
        errors["nomor_tanda_terima"] = _("Nomor tanda terima paling panjang %(limit)d karakter.") % {
            "limit": RECEIPT_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = _locked(kewajiban)
        before = (row.tanggal_lapor, row.nomor_tanda_terima)
        row.tanggal_lapor = tanggal_lapor
        row.nomor_tanda_terima = nomor
        row.dicatat_oleh = actor
        row.dicatat_pada = timezone.now()
        row.save(update_fields=["tanggal_lapor", "nomor_tanda_terima", "dicatat_oleh", "dicatat_pada"])
        if bukti is not None:
            LhkpnBukti.objects.update_or_create(
                kewajiban=row,
                defaults={
                    "nama": bukti.name,
                    "content_type": bukti.content_type,
                    "size": bukti.size,
                    "isi": base64.b64encode(bukti.data).decode("ascii"),
                    "diunggah_oleh": actor,
                    "diunggah_pada": timezone.now(),
                },
            )
        audit.record(
            LHKPN_FILING_RECORDED,
            actor=actor,
            obj=row,
            request=request,
            data={
                "tahun": row.tahun,
                "pegawai": row.pegawai_id,
                "tanggal_lapor": tanggal_lapor.isoformat(),
                "nomor_tanda_terima": nomor,
                "correction": before[0] is not None,
                # Never the file name: audit data is stored in clear.
                "bukti": {"content_type": bukti.content_type, "size": bukti.size} if bukti is not None else None,
            },
        )
    return row


def lhkpn_filing_clear(*, kewajiban: LhkpnKewajiban, actor, request=None) -> LhkpnKewajiban:
    """Clear a filing recorded for the wrong person (its receipt file goes with it)."""
    _keeper(actor)
    with transaction.atomic():
        row = _locked(kewajiban)
        if not row.filed:
            raise ValidationError(_("Belum ada penyampaian yang dicatat."))
        audit.record(
            LHKPN_FILING_CLEARED,
            actor=actor,
            obj=row,
            request=request,
            data={"tahun": row.tahun, "pegawai": row.pegawai_id, "nomor_tanda_terima": row.nomor_tanda_terima},
        )
        LhkpnBukti.objects.filter(kewajiban=row).delete()
        row.tanggal_lapor = None
        row.nomor_tanda_terima = ""
        row.dicatat_oleh = None
        row.dicatat_pada = None
        row.save(update_fields=["tanggal_lapor", "nomor_tanda_terima", "dicatat_oleh", "dicatat_pada"])
    return row


def read_bukti(bukti: LhkpnBukti) -> bytes:
    """The receipt file's bytes. Call only after the reader has been authorised."""
    return base64.b64decode(bukti.isi)
