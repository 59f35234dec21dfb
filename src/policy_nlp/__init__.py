"""policy_nlp: Chinese policy articles in, a structured dataset out."""
__version__ = "0.1.0"
