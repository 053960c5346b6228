"""Private helpers of ``nlp/classify.py``: the decision lexicon, clause analysis and vote reading."""
