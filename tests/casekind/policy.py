from casework.policy import CasePolicy


class UjiPolicy(CasePolicy):
    handler_roles = ("Pengelola Pengaduan",)
