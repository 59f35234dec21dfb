"""The pipeline's configuration, in one place.

A spaCy config (``[nlp]`` and ``[components]`` sections): the tokenizer and every
component are named by their registered factory, so a user can swap or tune one in a
config file (``policy-nlp extract --config my.cfg``) without touching code.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - thinc is imported when a config is built
    from thinc.api import Config

PIPELINE_VERSION = "0.1.0"

DEFAULT_CONFIG_STR = """
[nlp]
lang = "zh"
pipeline = ["policy_sentences", "policy_quantities", "policy_entities", "policy_facts"]

[nlp.tokenizer]
@tokenizers = "policy_nlp.JiebaTokenizer.v1"
user_dicts = []
include_default_dict = true
hmm = true
pos_tags = true

[components]

[components.policy_sentences]
factory = "policy_sentences"

[components.policy_quantities]
factory = "policy_quantities"
units_path = null

[components.policy_entities]
factory = "policy_entities"
# an entity classifier (.skops) from `policy-nlp train`, or "default" for the shipped one;
# null: the rules decide alone
model_path = null
# with a model: drop a candidate the rules would keep when P(NONE) >= threshold, add any
# other candidate when P(NONE) < add_threshold
threshold = 0.9
add_threshold = 0.2
# a folder laid out as resources/entities/ (every vocabulary of the entity rules), null: bundled
vocabulary_dir = null
# a CSV of adcode,name replacing the administrative divisions table, null: bundled
division_table = null

[components.policy_facts]
factory = "policy_facts"
# a folder laid out as resources/facts/ (cue words, dimensions, period patterns), null: bundled
vocabulary_dir = null
"""


def default_config() -> Config:
    from thinc.api import Config

    return Config().from_str(DEFAULT_CONFIG_STR)


def load_config(path: str | Path | None = None, overrides: dict | None = None) -> Config:
    """The default config, merged with a user's config file and dotted overrides
    (``{"nlp.tokenizer.user_dicts": ["my.txt"]}``)."""
    from thinc.api import Config

    cfg = default_config()
    if path is not None:
        cfg = cfg.merge(Config().from_disk(path))
    if overrides:
        from spacy.util import dot_to_dict

        cfg = cfg.merge(Config(dot_to_dict(overrides)))
    return cfg
