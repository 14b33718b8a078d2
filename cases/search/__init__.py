"""The public search of cases, in one package.

Its interface, which the pages, feeds, exports, API and home page each call once:

- `search(params) -> SearchResults`: a page of /cases/ with its counts and snippets;
- `SearchRequest.from_params(params)`: a search validated, parsed and looked up once;
  `.documents()` are its public documents in its order (feeds, exports);
- `public_figures()`: the home page's counts;
- `CaseSearchFilter`: the parameters, as the API validates and documents them.

Inside: facets.py and record_kinds.py define each facet and kind of record once;
query.py parses the text, text.py turns it into SQL; ranking.py orders results;
counts.py counts them; document_sql.py keeps the documents current in the database.

Names are imported on first use: the models read facets.py for their indexes, and this
package's modules read the models.
"""

from importlib import import_module

_INTERFACE = {
    "search": "results",
    "SearchResults": "results",
    "SearchRequest": "request",
    "public_figures": "counts",
    "CaseSearchFilter": "filters",
}


def __getattr__(name):
    if name in _INTERFACE:
        return getattr(import_module(f"{__name__}.{_INTERFACE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
