"""The LocalStore contract (store_contract.py) run against the in-memory store the core is tested with."""

from contracts.store_contract import LocalStoreContract, event
from memory_store import MemoryStore


class TestMemoryStoreContract(LocalStoreContract):
    def make_store(self):
        return MemoryStore()

    def user_creates(self, store, summary):
        return store.create(event(summary))

    def user_edits(self, store, local_id, summary):
        store.edit(local_id, summary=summary)

    def user_deletes(self, store, local_id):
        store.delete(local_id)
