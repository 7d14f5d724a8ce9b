using Flecs.Ledger.Storage;

namespace Flecs.Ledger.Tests.Storage;

public sealed class ReceiptBlobTests
{
    [Fact]
    public void Pack_SmallReceipt_StoredAsIs()
    {
        var receipt = new byte[] { 0x83, 0x58, 0x20, 1, 2, 3 };

        Assert.Same(receipt, ReceiptBlob.Pack(receipt));
        Assert.Same(receipt, ReceiptBlob.Unpack(receipt));
    }

    [Fact]
    public void Pack_LargeRepetitiveReceipt_CompressedAndRestoredExactly()
    {
        var receipt = new byte[20_000];
        receipt[0] = 0x84;
        for (var i = 1; i < receipt.Length; i++)
        {
            receipt[i] = (byte)(i % 7);
        }

        var packed = ReceiptBlob.Pack(receipt);

        Assert.Equal(0x00, packed[0]);
        Assert.True(packed.Length < receipt.Length / 10);
        Assert.Equal(receipt, ReceiptBlob.Unpack(packed));
    }

    [Fact]
    public void Unpack_CorruptCompressedBlob_FailsOnlyAsAStoreError()
    {
        // Brotli has no checksum: a flipped byte either fails to decode — always as a store error, which verification
        // reports with its height — or decodes to some bytes, which verification checks against the receipts root.
        var receipt = new byte[5_000];
        receipt[0] = 0x84;
        for (var i = 1; i < receipt.Length; i++)
        {
            receipt[i] = (byte)(i * 31 % 251);
        }

        var refused = 0;
        for (var at = 1; at < 40; at++)
        {
            var packed = ReceiptBlob.Pack(receipt);
            packed[at] ^= 0x5A;
            try
            {
                _ = ReceiptBlob.Unpack(packed);
            }
            catch (LedgerStoreException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0);
    }
}
