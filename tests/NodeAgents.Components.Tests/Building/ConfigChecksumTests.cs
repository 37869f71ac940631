using NodeAgents.Building;

namespace NodeAgents.Components.Tests.Building;

public class ConfigChecksumTests
{
    [Fact]
    public void Checksum_is_the_sha256_of_key_nul_value_nul_in_key_order()
    {
        // printf 'a\0x\0b\0y\0' | sha256sum
        Assert.Equal("938fbc10036622392fd65d18a55d15b7e80ee4a3583ca4fadda2d0c1f04efbe4", ConfigChecksum.Compute(new Dictionary<string, string> { ["b"] = "y", ["a"] = "x" }));
    }

    [Fact]
    public void Checksum_changes_when_a_value_or_key_changes()
    {
        var original = ConfigChecksum.Compute(new Dictionary<string, string> { ["a"] = "x" });
        Assert.NotEqual(original, ConfigChecksum.Compute(new Dictionary<string, string> { ["a"] = "y" }));
        Assert.NotEqual(original, ConfigChecksum.Compute(new Dictionary<string, string> { ["b"] = "x" }));
        Assert.NotEqual(ConfigChecksum.Compute(new Dictionary<string, string> { ["ab"] = "c" }), ConfigChecksum.Compute(new Dictionary<string, string> { ["a"] = "bc" }));
    }
}
