"""Chroma, through llama-index's ChromaVectorStore, always with our own embeddings.

Chroma is told nothing about embedding functions: every vector comes from our
embedder, so Chroma's default (which downloads a model) is never touched.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from urllib.parse import urlparse

from cofnod.errors import CofnodError
from cofnod.types import Filters, Passage

SPACE = "cosine"
EF_SEARCH = 400
"""HNSW search breadth. Chroma's default (100) missed the exact nearest passage for 1 in 50
kent-cabinet-dev questions (near-duplicate table passages make the graph patchy); 400 missed none."""
EF_CONSTRUCTION = 200
"""HNSW build breadth for new collections (Chroma's default is 100): a better-connected graph."""


def date_num(date: str | None) -> int:
    """YYYY-MM-DD as an integer (Chroma compares numbers only); 0 when unknown."""
    return int(date.replace("-", "")) if date else 0


def _chroma_client(home: Path, url: str | None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    opts = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url)
        if not parsed.hostname:
            raise CofnodError(f"chroma_url {url!r}: expected http://host:port")
        return chromadb.HttpClient(
            host=parsed.hostname, port=parsed.port or 8000, ssl=parsed.scheme == "https", settings=opts
        )
    return chromadb.PersistentClient(path=str(home / "chroma"), settings=opts)


def _node(passage: Passage, vector: list[float]):
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    node = TextNode(
        id_=passage.id,
        text=passage.text,
        embedding=vector,
        metadata={
            "doc": passage.doc,
            "committee_key": (passage.committee or "").lower(),
            "type_key": passage.doc_type.lower(),
            "date_num": date_num(passage.date),
        },
    )
    # ref_doc_id = document path, so ChromaVectorStore.delete(doc) removes a whole document.
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=passage.doc)
    return node


def _metadata_filters(filters: Filters | None):
    from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters

    if filters is None or filters.is_empty():
        return None
    parts = []
    if filters.doc:
        parts.append(MetadataFilter(key="doc", value=filters.doc))
    if filters.committee:
        parts.append(MetadataFilter(key="committee_key", value=filters.committee.lower()))
    if filters.doc_type:
        parts.append(MetadataFilter(key="type_key", value=filters.doc_type.lower()))
    if filters.date_from or filters.date_to:
        # Undated documents (date_num 0) never satisfy a date range.
        low = max(date_num(filters.date_from), 1)
        parts.append(MetadataFilter(key="date_num", value=low, operator=FilterOperator.GTE))
    if filters.date_to:
        parts.append(MetadataFilter(key="date_num", value=date_num(filters.date_to), operator=FilterOperator.LTE))
    return MetadataFilters(filters=parts)


class VectorIndex:
    """Dense side of the index."""

    def __init__(self, home: Path, collection: str, url: str | None = None, ef_search: int = EF_SEARCH):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        try:
            self.client = _chroma_client(home, url)
            self.collection = self.client.get_or_create_collection(
                collection, embedding_function=None,
                configuration={"hnsw": {"space": SPACE, "ef_search": ef_search, "ef_construction": EF_CONSTRUCTION}},
            )
        except CofnodError:
            raise
        except Exception as e:  # chromadb raises many types (connection, sqlite, value); all mean "cannot open"
            where = url or str(home / "chroma")
            raise CofnodError(f"cannot open the Chroma index at {where}: {e}") from e
        self._widen_search(ef_search)
        self.store = ChromaVectorStore(chroma_collection=self.collection)

    def _widen_search(self, ef_search: int) -> None:
        """A collection made earlier keeps its own settings; its search breadth is raised if Chroma
        allows it. If not (an older server), the index still opens and is searched as it was."""
        hnsw = (self.collection.configuration_json or {}).get("hnsw") or {}
        if hnsw.get("ef_search", ef_search) >= ef_search:
            return
        try:
            self.collection.modify(configuration={"hnsw": {"ef_search": ef_search}})
        except Exception as e:  # noqa: BLE001 - any refusal leaves the collection as it was
            warnings.warn(f"Chroma kept ef_search {hnsw.get('ef_search')} for this collection: {e}", stacklevel=2)

    def count(self) -> int:
        return self.collection.count()

    def add(self, passages: list[Passage], vectors: list[list[float]]) -> None:
        if passages:
            self.store.add([_node(p, v) for p, v in zip(passages, vectors)])

    def delete_doc(self, doc: str) -> None:
        self.store.delete(ref_doc_id=doc)

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """The stored vectors of these passages (those it holds)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        return {i: [float(x) for x in v] for i, v in zip(got["ids"], got["embeddings"])}

    def delete_ids(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=ids)

    def query(self, vector: list[float], filters: Filters | None, n: int) -> list[tuple[str, float]]:
        """Passage ids with cosine similarity, best first."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        total = self.count()
        if total == 0:
            return []
        query = VectorStoreQuery(
            query_embedding=vector, similarity_top_k=min(n, total), filters=_metadata_filters(filters)
        )
        result = self.store.query(query)
        # llama-index reports exp(-distance); Chroma's cosine distance is 1 - cos.
        return [(i, 1.0 + math.log(s)) for i, s in zip(result.ids, result.similarities)]
