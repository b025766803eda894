"""Integrations with reference managers.

``papis_map`` (no dependency) maps papis documents to CSL-JSON items and back;
``papis_plugin`` (needs ``pip install citeport[papis]``) holds the papis importers and
exporters that citeport publishes under papis's ``papis.importer`` / ``papis.exporter``
entry points.
"""
