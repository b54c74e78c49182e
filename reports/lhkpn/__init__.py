"""The LHKPN/LHKASN compliance register: who must file each year, when each filed, and
the percentage the LKE reads."""
