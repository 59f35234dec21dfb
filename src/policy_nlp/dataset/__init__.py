"""The embedded dataset: table schemas, the crash-safe writer, the reader, export."""
from policy_nlp.dataset.schema import TABLES
from policy_nlp.dataset.store import Dataset, DatasetLockedError, DatasetWriter, load_dataset

__all__ = ["TABLES", "Dataset", "DatasetWriter", "DatasetLockedError", "load_dataset"]
