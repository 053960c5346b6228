"""Rule modules behind the ``rar_entities`` component (``nlp/entities.py``)."""
