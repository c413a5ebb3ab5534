"""What a team would build instead, run on the same documents so every report shows where we stand.

- `bm25`: keyword search over Cofnod's own passages (no vectors, no answer composition).
- `llama-index-default`: SimpleDirectoryReader + the default SentenceSplitter, the same
  embedding model, Chroma, top-k; its answer is the top chunk.

Both answer with their top passage and never decline. They are built in memory or in a
temporary folder, never in the user's index.
"""

from __future__ import annotations

import logging
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from evals.questions import Question
from evals.run import scope_filters


def _top_answer(qid: str, passages: list[dict], seconds: float, retrieval: float) -> dict:
    top = passages[:1]
    return {
        "id": qid, "passages": passages,
        "answer": f"{top[0]['text']} [1]" if top else "",
        "abstained": not top,
        "citations": [{"n": 1, **{k: top[0][k] for k in ("id", "doc", "page", "text")}}] if top else [],
        "seconds": round(seconds, 4), "retrieval_seconds": round(retrieval, 4),
    }


def _with_history(q: Question) -> str:
    # Baselines have no conversation memory beyond concatenation, as a plain RAG kit would do.
    return " ".join([*q.history[-1:], q.question])


class BM25Baseline:
    """BM25 over the same passages the assistant has."""

    name = "bm25"

    def __init__(self, assistant):
        from index.keyword import KeywordIndex

        self.index = assistant.index
        self.keyword = KeywordIndex.build(self.index.catalog.all_passages())

    def run(self, q: Question, k: int) -> dict:
        start = time.perf_counter()
        filters = scope_filters(q.scope)
        mask = self.index._keyword_mask(filters) if filters else None
        ranked = self.keyword.search(_with_history(q), k, mask)
        found = self.index.passages([pid for pid, _ in ranked])
        passages = [
            {"id": pid, "doc": found[pid].doc, "page": found[pid].page, "text": found[pid].text, "score": score}
            for pid, score in ranked if pid in found
        ]
        seconds = time.perf_counter() - start
        return _top_answer(q.id, passages, seconds, seconds)


class _Embedding:
    """Our embedder behind llama-index's BaseEmbedding, so the baseline uses the same model."""

    @staticmethod
    def make(embedder):
        from llama_index.core.embeddings import BaseEmbedding

        class Adapter(BaseEmbedding):
            def _get_query_embedding(self, query: str):
                return embedder.embed([query])[0]

            async def _aget_query_embedding(self, query: str):
                return self._get_query_embedding(query)

            def _get_text_embedding(self, text: str):
                return embedder.embed([text])[0]

            def _get_text_embeddings(self, texts):
                return embedder.embed(texts)

        return Adapter(model_name="all-MiniLM-L6-v2", embed_batch_size=32)


@contextmanager
def _root_logger_kept():
    """Undo what an import does to the root logger (handlers and level), so that library
    chatter (INFO and DEBUG lines) does not reach the user's terminal."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


class LlamaIndexDefault:
    """llama-index with its defaults over the original files of the same documents."""

    name = "llama-index-default"

    def __init__(self, assistant, workdir: Path | None = None):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        with _root_logger_kept():  # llama-index-readers-file's slides reader calls logging.basicConfig on import
            from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
            from llama_index.readers.file import PDFReader  # noqa: F401 - imported here, inside the guard
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.assistant = assistant
        records = assistant.documents()
        self.doc_of = {str(Path(r.source)): r.doc for r in records}
        self._tmp = tempfile.TemporaryDirectory(prefix="cofnod-llamaindex-") if workdir is None else None
        work = Path(workdir or self._tmp.name)
        docs = SimpleDirectoryReader(input_files=sorted(self.doc_of), filename_as_id=True).load_data(
            show_progress=True)
        for d in docs:
            d.metadata = {"doc": self.doc_of[str(Path(d.metadata["file_path"]))], "page": d.metadata.get("page_label")}
        client = chromadb.PersistentClient(path=str(work / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
        store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("baseline"))
        self.index = VectorStoreIndex.from_documents(
            docs, storage_context=StorageContext.from_defaults(vector_store=store), show_progress=True,
            embed_model=_Embedding.make(assistant.index.embedder), transformations=[SentenceSplitter()],
        )

    def _filters(self, q: Question):
        from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters

        filters = scope_filters(q.scope)
        if filters is None:
            return None
        allowed = sorted(self.assistant.index.allowed_docs(filters)) or ["\u2205"]
        return MetadataFilters(filters=[MetadataFilter(key="doc", value=allowed, operator=FilterOperator.IN)])

    def run(self, q: Question, k: int) -> dict:
        start = time.perf_counter()
        retriever = self.index.as_retriever(similarity_top_k=k, filters=self._filters(q))
        nodes = retriever.retrieve(_with_history(q))
        passages = []
        for n in nodes:
            page = n.node.metadata.get("page")
            passages.append({
                "id": n.node.node_id, "doc": n.node.metadata.get("doc"),
                "page": int(page) if page and str(page).isdigit() else None,
                "text": n.node.get_content(), "score": float(n.score or 0.0),
            })
        seconds = time.perf_counter() - start
        return _top_answer(q.id, passages, seconds, seconds)


BASELINES = {"bm25": BM25Baseline, "llama-index-default": LlamaIndexDefault}
