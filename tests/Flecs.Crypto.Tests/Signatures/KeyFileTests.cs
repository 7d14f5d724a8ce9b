using System.Runtime.Versioning;
using Flecs.Crypto.Signatures;

namespace Flecs.Crypto.Tests.Signatures;

public sealed class KeyFileTests : IDisposable
{
    private const string Rfc8032KeyFile =
        "flecs-ed25519-secret-key-v1\n" +
        Ed25519SignerTests.Rfc8032Seed + "\n" +
        "public " + Ed25519SignerTests.Rfc8032PublicKey + "\n";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("flecs-keyfile-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Write_ThenRead_RoundTripsTheKey()
    {
        var path = PathTo("validator.key");
        using var signer = Ed25519Signer.Generate();

        KeyFile.Write(path, signer);
        var result = KeyFile.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        using var read = result.Value;
        Assert.Equal(signer.PublicKey, read.PublicKey);
        Assert.Equal(signer.ExportSeed(), read.ExportSeed());
    }

    [Fact]
    public void Write_Rfc8032Key_ProducesTheDocumentedFormat()
    {
        var path = PathTo("validator.key");
        using var signer = Ed25519Signer.FromSeed(Convert.FromHexString(Ed25519SignerTests.Rfc8032Seed));

        KeyFile.Write(path, signer);

        Assert.Equal(Rfc8032KeyFile, File.ReadAllText(path));
        Assert.Equal(Rfc8032KeyFile.Length, new FileInfo(path).Length);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Write_OnUnix_CreatesFileWithMode0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        var path = PathTo("validator.key");
        using var signer = Ed25519Signer.Generate();

        KeyFile.Write(path, signer);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_ExistingPath_ThrowsAndLeavesFileUnchanged()
    {
        var path = PathTo("validator.key");
        File.WriteAllText(path, "keep me");
        using var signer = Ed25519Signer.Generate();

        Assert.ThrowsAny<IOException>(() => KeyFile.Write(path, signer));

        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    [UnsupportedOSPlatform("windows")]
    public void Read_GroupOrOtherHaveAccess_FailsWithInsecurePermissions(UnixFileMode extra)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        var path = PathTo("validator.key");
        using var signer = Ed25519Signer.Generate();
        KeyFile.Write(path, signer);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var result = KeyFile.Read(path);

        Assert.False(result.IsSuccess);
        Assert.Equal("crypto.key.insecure-permissions", result.Error.Code);
        Assert.Contains(path, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Read_Mode0644_FailsWithInsecurePermissions()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        var path = WriteSecret("validator.key", Rfc8032KeyFile);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal("crypto.key.insecure-permissions", KeyFile.Read(path).Error?.Code);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Read_OwnerReadOnly_Succeeds()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        var path = WriteSecret("validator.key", Rfc8032KeyFile);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        var result = KeyFile.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        result.Value.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("flecs-ed25519-secret-key-v2\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\npublic d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n")]
    [InlineData("flecs-ed25519-secret-key-v1\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f6\npublic d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n")]
    [InlineData("flecs-ed25519-secret-key-v1\nzz61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\npublic d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n")]
    [InlineData("flecs-ed25519-secret-key-v1\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\npublic d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511b\n")]
    [InlineData("flecs-ed25519-secret-key-v1\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\nd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n")]
    [InlineData("flecs-ed25519-secret-key-v1\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n")]
    [InlineData("flecs-ed25519-secret-key-v1\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\npublic d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\nextra\n")]
    public void Read_MalformedContent_FailsWithMalformed(string content)
    {
        var path = WriteSecret("validator.key", content);

        var result = KeyFile.Read(path);

        Assert.False(result.IsSuccess);
        Assert.Equal("crypto.key.malformed", result.Error.Code);
        Assert.Contains(path, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithoutFinalNewline_Succeeds()
    {
        var path = WriteSecret("validator.key", Rfc8032KeyFile.TrimEnd('\n'));

        var result = KeyFile.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        result.Value.Dispose();
    }

    [Fact]
    public void Read_MissingFile_FailsWithNotFound()
    {
        var path = PathTo("absent.key");

        var result = KeyFile.Read(path);

        Assert.False(result.IsSuccess);
        Assert.Equal("crypto.key.not-found", result.Error.Code);
        Assert.Contains(path, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingDirectory_FailsWithNotFound()
    {
        Assert.Equal("crypto.key.not-found", KeyFile.Read(PathTo("absent/validator.key")).Error?.Code);
    }

    [Fact]
    public void WritePublicKey_ThenReadPublicKey_RoundTrips()
    {
        var path = PathTo("validator.pub");
        var key = Ed25519PublicKey.Parse(Ed25519SignerTests.Rfc8032PublicKey);

        KeyFile.WritePublicKey(path, key);
        var result = KeyFile.ReadPublicKey(path);

        Assert.Equal($"flecs-ed25519-public-key-v1\n{Ed25519SignerTests.Rfc8032PublicKey}\n", File.ReadAllText(path));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(key, result.Value);
    }

    [Fact]
    public void WritePublicKey_ExistingFile_Overwrites()
    {
        var path = PathTo("validator.pub");
        File.WriteAllText(path, "old content that is longer than the new file will be, to catch a missing truncate ................................");
        var key = Ed25519PublicKey.Parse(Ed25519SignerTests.Rfc8032PublicKey);

        KeyFile.WritePublicKey(path, key);

        Assert.Equal(key, KeyFile.ReadPublicKey(path).Value);
    }

    [Fact]
    public void ReadPublicKey_SecretKeyFile_ReturnsItsPublicKey()
    {
        var path = WriteSecret("validator.key", Rfc8032KeyFile);

        var result = KeyFile.ReadPublicKey(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(Ed25519PublicKey.Parse(Ed25519SignerTests.Rfc8032PublicKey), result.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("flecs-ed25519-public-key-v1\n")]
    [InlineData("flecs-ed25519-public-key-v1\nd75a98\n")]
    [InlineData("flecs-ed25519-public-key-v2\nd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n")]
    public void ReadPublicKey_MalformedContent_FailsWithMalformed(string content)
    {
        var path = PathTo("validator.pub");
        File.WriteAllText(path, content);

        Assert.Equal("crypto.key.malformed", KeyFile.ReadPublicKey(path).Error?.Code);
    }

    [Fact]
    public void ReadPublicKey_MissingFile_FailsWithNotFound()
    {
        Assert.Equal("crypto.key.not-found", KeyFile.ReadPublicKey(PathTo("absent.pub")).Error?.Code);
    }

    private string PathTo(string name) => Path.Combine(_directory.FullName, name);

    private string WriteSecret(string name, string content)
    {
        var path = PathTo(name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
