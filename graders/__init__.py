"""The course's content: one grader module per topic and the manifest (topics, order, points).

Content only: every module here imports the engine's authoring API (``neurograde.authoring``),
never the other way round; the engine finds this package through the manifest, by name.
Nothing in this package is shipped to learners.
"""
