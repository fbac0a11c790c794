"""Audit a yes/no data set: label artifacts the question form gives away, leaks, duplicates and label noise.

Needs the ``audit`` extra (scikit-learn, matplotlib, cleanlab); they are imported on first use.
"""

from augment.audit.cues import Cue, cues
from augment.audit.probe import QuestionProbe, form_scores, origin_groups

__all__ = ["Cue", "QuestionProbe", "cues", "form_scores", "origin_groups"]
