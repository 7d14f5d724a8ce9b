using Flecs.Ledger.Storage;
using Flecs.Testing.Storage;

namespace Flecs.Ledger.Tests.Storage;

// The in-memory fake stands in for the SQLite store in ledger tests, so it must pass the same suite.
public sealed class InMemoryLedgerStoreTests : LedgerStoreConformanceTests
{
    protected override ILedgerStore CreateEmptyStore() => new InMemoryLedgerStore();
}
