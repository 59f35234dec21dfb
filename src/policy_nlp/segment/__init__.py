"""Segmentation: jieba's algorithm and dictionary through rjieba, as a spaCy tokenizer."""
from policy_nlp.segment.tokenizer import JiebaTokenizer, create_jieba_tokenizer
from policy_nlp.segment.userdict import UserDictionary, load_user_dictionary

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "UserDictionary", "load_user_dictionary"]
