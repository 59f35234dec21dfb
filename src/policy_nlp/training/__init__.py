"""Training and cross-validating the entity classifier: an application of the pipeline.

It sits above the pipeline (it runs the pipeline's own path from a file to annotated
articles, with the pipeline's segmenter and rules) next to :mod:`policy_nlp.evaluate`; the
extraction side needs only :mod:`policy_nlp.entities.persistence` to load a model.
"""
from policy_nlp.training.fit import (cross_validate, cross_validate_examples, default_raw_dirs, format_cv,
                                     pipeline_rules, predict_records, train, train_and_save)

__all__ = ["cross_validate", "cross_validate_examples", "default_raw_dirs", "format_cv", "pipeline_rules",
           "predict_records", "train", "train_and_save"]
