"""The persons a case names, as a kind's staff page shows them
(templates/casework/includes/named_persons.html): each with the account it is matched to
now, the accounts it was matched to before (who changed it, when, why), and the form
that matches or rematches it."""

from __future__ import annotations

from .forms_named import MatchNamedPersonForm
from .named_persons import accounts_of, earlier_matches, persons_of


def named_person_rows(case, bound_match=None, *, prefix: str) -> list[dict]:
    """One row per person the case names; `bound_match` is a submitted match form, shown
    again on its own row (its prefix is f"{prefix}-{person.pk}"). The persons are read
    once; their accounts and earlier matches only when there are some."""
    persons = list(persons_of(case))
    accounts = {user.pk: user for user in accounts_of(persons)}
    history = earlier_matches(case) if persons else {}
    rows = []
    for person in persons:
        form_prefix = f"{prefix}-{person.pk}"
        rows.append(
            {
                "person": person,
                "account": accounts.get(person.matched_user_id),
                "earlier": history.get(person.pk, []),
                "match_form": bound_match
                if bound_match is not None and bound_match.prefix == form_prefix
                else MatchNamedPersonForm(prefix=form_prefix),
            }
        )
    return rows
