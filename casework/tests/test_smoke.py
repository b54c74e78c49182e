from casework.services import run_transition


def test_open_and_verify(open_uji, handler):
    case, code = open_uji(with_tracking_code=True)
    assert case.reference.startswith("UJI/")
    assert code and case.due_date
    case = run_transition(case=case, name="verifikasi", actor=handler)
    assert case.state == "diverifikasi"
