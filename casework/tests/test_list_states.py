"""The lists' "in process" filter names the states that are not final (casework.lists.
in_process_q), so that every state a case can reach must be one its kind names: one
left out would drop its cases from both "in process" and "finished"."""

from casework.kinds import all_kinds


def test_every_state_a_transition_reaches_is_named_by_its_kind():
    for kind in all_kinds():
        field = kind.model._meta.get_field("state")
        reached = {kind.initial_state}
        for transition in field.get_all_transitions(kind.model):
            reached |= {state for state in (transition.source, transition.target) if isinstance(state, str)}
        reached.discard("*")
        reached.discard("+")
        assert reached <= set(kind.state_labels), (kind.code, reached - set(kind.state_labels))
        assert kind.final_states <= set(kind.state_labels), kind.code
