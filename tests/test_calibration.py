"""Calibrated confidence: isotonic maps as JSON, ECE, cross-fitting, and the components applying them."""

from __future__ import annotations

import random

from nlp._classify.calibration import Calibration, Calibrator, cross_fitted, domain_weights, ece, fit_calibrator


def _overconfident(n: int = 600, seed: int = 0) -> tuple[list[float], list[bool], list[str]]:
    """Raw confidence 0.95 everywhere, right only 70 % of the time in half the groups."""
    rng = random.Random(seed)
    conf, ok, groups = [], [], []
    for i in range(n):
        c = rng.choice([0.6, 0.8, 0.95])
        conf.append(c)
        ok.append(rng.random() < {0.6: 0.4, 0.8: 0.7, 0.95: 0.9}[c])
        groups.append(f"g{i % 12}")
    return conf, ok, groups


def test_ece_is_zero_when_confidence_is_accuracy():
    assert ece([0.75] * 4, [True, True, True, False]) == 0.0
    assert ece([1.0, 1.0], [False, False]) == 1.0


def test_isotonic_calibration_reduces_ece_held_out():
    conf, ok, groups = _overconfident()
    cal = cross_fitted(conf, ok, groups)
    assert ece(cal, ok) < ece(conf, ok) / 2
    fitted = fit_calibrator(conf, ok)
    assert all(a <= b for a, b in zip(fitted.y, fitted.y[1:], strict=False))  # monotone


def test_json_round_trip_and_identity_without_data(tmp_path):
    conf, ok, _ = _overconfident(200, seed=1)
    cal = Calibration({"outcome": fit_calibrator(conf, ok)})
    cal.save(tmp_path / "c.json")
    back = Calibration.load(tmp_path / "c.json")
    assert back("outcome", 0.95) == cal("outcome", 0.95)
    assert back("item_type", 0.42) == 0.42  # no calibrator for the task: unchanged
    assert Calibrator()(0.3) == 0.3


def test_real_documents_weigh_as_much_as_invented_ones():
    w = domain_weights(["doc", "pub", "pub", "pub"], {"doc"})
    assert w == [3.0, 1.0, 1.0, 1.0]
    assert domain_weights(["pub"], {"doc"}) is None


def test_components_report_calibrated_confidence():
    from nlp.classify import CALIBRATION_FILE
    from nlp.pipeline import MODELS_DIR, load

    assert (MODELS_DIR / "classify" / CALIBRATION_FILE).exists()
    nlp = load(base="blank", components=["rar_segmenter", "rar_item_type", "rar_outcome"])
    comp = nlp.get_pipe("rar_outcome")
    assert comp.calibration is not None
    raw = 0.95
    assert comp.calibrated("outcome", raw) == comp.calibration("outcome", raw)


def test_ece_noise_is_what_chance_gives_a_calibrated_model():
    from nlp._classify.calibration import ece_noise

    assert ece_noise([]) is None and ece_noise([1.0] * 10) == 0.0
    few, many = ece_noise([0.9] * 50), ece_noise([0.9] * 2000)
    assert 0 < many < few < 0.2  # fewer items, more room for chance
    assert ece_noise([0.9] * 50) == few  # seeded: the report is reproducible
