"""The texts a new semester's report starts from: the unit's own standard texts when the
administrator has set them (PengaturanMonev), SIGAP's otherwise. The Tim ZI edits them
for each semester; what is signed is what was there at the signing."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.profiles import profile_for

from .models import PengaturanMonev


@dataclass(frozen=True)
class Texts:
    pendahuluan: str
    dasar_hukum: str
    penutup: str
    tempat: str


def _sigap_texts(unit_name: str) -> Texts:
    """SIGAP's own texts, written for any unit."""
    pendahuluan = "\n\n".join(
        [
            _(
                "%(unit)s membangun Zona Integritas menuju Wilayah Bebas dari Korupsi (WBK) dan Wilayah "
                "Birokrasi Bersih dan Melayani (WBBM) sebagai bagian dari reformasi birokrasi: pelayanan yang "
                "cepat, transparan dan akuntabel, oleh aparatur yang bersih dari korupsi, kolusi dan nepotisme."
            )
            % {"unit": unit_name},
            _(
                "Pembangunan itu meliputi enam area perubahan: manajemen perubahan, penataan tata laksana, "
                "penataan sistem manajemen SDM, penguatan akuntabilitas kinerja, penguatan pengawasan, dan "
                "peningkatan kualitas pelayanan publik. Agar rencana kerja berjalan terarah dan terukur, Tim "
                "Kerja Zona Integritas memantau dan mengevaluasi pelaksanaannya secara berkala dalam rapat "
                "monitoring dan evaluasi (monev)."
            ),
            _(
                "Laporan ini merangkum rapat monev selama satu semester: uraian hasil pemantauan dan masukan "
                "perbaikan dari setiap rapat, tindak lanjut atas masukan periode sebelumnya, serta statistik "
                "penanganan pengaduan masyarakat, whistle-blowing system, gratifikasi dan benturan kepentingan "
                "yang dicatat di SIGAP. Tujuannya memastikan setiap masukan ditindaklanjuti sampai tuntas dan "
                "menjadi bahan perbaikan pada periode berikutnya."
            ),
        ]
    )
    dasar_hukum = "\n".join(
        [
            _("Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010–2025;"),
            _(
                "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 "
                "tentang Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan "
                "Wilayah Birokrasi Bersih dan Melayani di Instansi Pemerintah;"
            ),
            _("Keputusan Kepala %(unit)s tentang Tim Kerja Pembangunan Zona Integritas.") % {"unit": unit_name},
        ]
    )
    penutup = "\n\n".join(
        [
            _(
                "Demikian laporan monitoring dan evaluasi pembangunan Zona Integritas ini disusun sebagai "
                "sarana memantau mutu pelaksanaan kegiatan yang telah direncanakan."
            ),
            _(
                "Perbaikan adalah kerja yang terus-menerus: masukan yang belum selesai dibawa ke periode "
                "berikutnya sampai tuntas, dan keberhasilannya bergantung pada komitmen seluruh pegawai "
                "%(unit)s untuk membangun budaya kerja yang bersih dan melayani."
            )
            % {"unit": unit_name},
        ]
    )
    return Texts(pendahuluan=pendahuluan, dasar_hukum=dasar_hukum, penutup=penutup, tempat="")


def texts_for(unit_name: str) -> Texts:
    """The starting texts of a new semester's report, and the place of signing (the
    city of the top unit's profile)."""
    sigap = _sigap_texts(unit_name)
    own = PengaturanMonev.objects.order_by("-diubah_pada", "-pk").first()
    profile = profile_for(None)
    return Texts(
        pendahuluan=(own and own.pendahuluan) or sigap.pendahuluan,
        dasar_hukum=(own and own.dasar_hukum) or sigap.dasar_hukum,
        penutup=(own and own.penutup) or sigap.penutup,
        tempat=profile.city if profile is not None else "",
    )


def legal_basis_items(text: str) -> list[str]:
    """The legal basis as a list: one item per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def paragraphs(text: str) -> list[str]:
    """Running text as paragraphs: blank lines separate them."""
    blocks, current = [], []
    for line in (text or "").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks
