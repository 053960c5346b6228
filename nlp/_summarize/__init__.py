"""Private helpers of ``nlp.summarize``: the fast greedy decoder (kept apart so the component
module stays readable and light to import)."""
