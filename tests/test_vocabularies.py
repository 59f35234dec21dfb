"""Vocabularies are data a user extends or replaces, through the config as through code."""
from __future__ import annotations

import shutil

import pytest

import policy_nlp
from policy_nlp.entities import EntityRules
from policy_nlp.facts.vocabulary import FactVocabulary
from policy_nlp.resources import resource_path
from policy_nlp.structure.vocab import byline_suffixes

TEXT = "会上，星河云图签约落户本市。"


def _entities(nlp, text):
    return {(e.text, e.label) for e in nlp(text)._.entities}


def test_entity_vocabulary_folder_from_a_config_file(tmp_path):
    folder = tmp_path / "entities"
    shutil.copytree(resource_path("entities"), folder)
    with open(folder / "org_gazetteer.tsv", "a", encoding="utf-8") as fh:
        fh.write("星河云图\t星河云图科技有限公司\tcompany\n")
    cfg = tmp_path / "my.cfg"
    cfg.write_text(f'[components]\n\n[components.policy_entities]\nvocabulary_dir = "{folder}"\n', encoding="utf-8")

    assert ("星河云图", "ORG") not in _entities(policy_nlp.load(), TEXT)
    ents = policy_nlp.load(cfg)(TEXT)._.entities
    assert [(e.text, e.canonical) for e in ents if e.label == "ORG"] == [("星河云图", "星河云图科技有限公司")]


def test_a_rule_word_group_is_extended_by_a_user_file(tmp_path):
    base = EntityRules()
    extra = tmp_path / "words.tsv"
    # a user declares 改革委 a two-character word that is not an organisation head
    extra.write_text("group\tword\tvalue\norg.single_suffix_stop\t改革委\t\n", encoding="utf-8")
    rules = EntityRules(extra={"rule_words": [extra]})
    assert "改革委" in rules.org.single_suffix_stop
    assert "改革委" not in base.org.single_suffix_stop


def test_unknown_vocabulary_name_is_refused():
    with pytest.raises(KeyError, match="unknown vocabulary"):
        EntityRules(extra={"org_gazeteer": []})


def test_fact_vocabulary_folder_must_hold_its_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="cues.tsv"):
        FactVocabulary.from_dir(tmp_path)
    shutil.copytree(resource_path("facts"), tmp_path / "facts")
    assert FactVocabulary.from_dir(tmp_path / "facts").words("target")


def test_one_list_of_organisation_suffixes_for_bylines_and_names():
    rules = EntityRules()
    byline = set(byline_suffixes())
    # the author line knows newspapers; names in running text never end in a bare 院
    assert {"报社", "人民政府", "办公厅"} <= byline
    assert "院" in byline and "院" not in rules.org.suffixes
    assert "有限公司" in rules.org.suffixes and "有限公司" not in byline
