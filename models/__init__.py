"""The shipped model files (JSON weights, calibration, the LoRA adapter), installed as ``rar_nlp_models``.

pyproject.toml maps this directory to the package ``rar_nlp_models`` so the wheel carries it and the
code finds it with ``importlib.resources`` wherever rar-nlp is installed (``nlp.pipeline.MODELS_DIR``).
"""
