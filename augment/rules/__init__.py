"""Rule-based negation of Russian general questions and declarative clauses (pymorphy3 + razdel).

- :class:`RuleBasedGenerator`: negates and reframes labeled questions, with balanced labels.
- :func:`negate_question`: one question's negation, or the reason it was declined.
- :func:`negate_clause` / :func:`analyze`: the same rules on a declarative clause («кит является рыбой»
  → «кит не является рыбой»), for generators that start from plain text.
- :class:`DeclineReason`: why the rules decline (stable names, descriptions, examples); :class:`Decline`
  is the exception a rule raises with one.

The words the rules read are in :mod:`augment.rules.lexicon`; the rules themselves are small named
functions tried in order (see the README's «Rules: structure»).
"""

from augment.rules.generator import Outcome, RuleBasedGenerator, negate_question
from augment.rules.negation import Clause, Negation, analyze, negate_clause
from augment.rules.reasons import Decline, DeclineReason

__all__ = ["Clause", "Decline", "DeclineReason", "Negation", "Outcome", "RuleBasedGenerator", "analyze",
           "negate_clause", "negate_question"]
