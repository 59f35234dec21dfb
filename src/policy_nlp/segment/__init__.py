"""Segmentation: jieba's algorithm and dictionary through rjieba, as one segmenter and as a spaCy tokenizer."""
from policy_nlp.segment.segmenter import Segmenter, TokenTable
from policy_nlp.segment.tokenizer import JiebaTokenizer, create_jieba_tokenizer
from policy_nlp.segment.userdict import UserDictionary, load_user_dictionary

__all__ = ["Segmenter", "TokenTable", "JiebaTokenizer", "create_jieba_tokenizer", "UserDictionary",
           "load_user_dictionary"]
