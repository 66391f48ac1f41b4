"""The learned part of wfltext: a name tagger trained on the gold records (see ``tagger``)."""

from __future__ import annotations

from .tagger import LABELS, ModelInfo, NameTagger, combine, load

__all__ = ["LABELS", "ModelInfo", "NameTagger", "combine", "load"]
