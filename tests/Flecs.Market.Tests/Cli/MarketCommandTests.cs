using System.CommandLine;
using System.Text.Json;
using Flecs.Cli;
using Flecs.Cli.Market;

namespace Flecs.Market.Tests.Cli;

public sealed class MarketCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("flecs-market-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteBook(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(MarketCommand.Create());
        var bench = new Command("bench");
        bench.Subcommands.Add(MarketBenchmark.Create());
        root.Subcommands.Add(bench);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().TrimEnd(), error.ToString().TrimEnd());
    }

    private const string JsonBook = """
        {"orders":[
          {"id":"b1","side":"buy","quantity_kwh":"5","price_per_kwh":"0.30","player":"p1","zone":"A"},
          {"id":"b2","side":"buy","quantity_kwh":"5","price_per_kwh":"0.20"},
          {"id":"s1","side":"sell","quantity_kwh":"5","price_per_kwh":"0.10","note":{"any":[1,2]}},
          {"id":"s2","side":"sell","quantity_kwh":"5","price_per_kwh":"0.25"}
        ]}
        """;

    private const string CsvBook = """
        id,side,quantity_kwh,price_per_kwh,player,zone
        b1,buy,5,0.30,p1,A
        b2,buy,5,0.20,,
        s1,sell,5,0.10,,
        "s2",sell,5,0.25,,
        """;

    [Fact]
    public void Clear_JsonBookPayAsClear_PrintsIssueFormat()
    {
        var (exitCode, output, _) = Run("market", "clear", "--book", WriteBook("book.json", JsonBook), "--mechanism", "pay-as-clear", "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal("""{"mechanism":"pay-as-clear","clearing_price_per_kwh":"0.225","cleared_quantity_kwh":"5","fills":[{"buy":"b1","sell":"s1","quantity_kwh":"5","price_per_kwh":"0.225"}]}""", output);
    }

    [Fact]
    public void Clear_CsvBook_SameResultAsJson()
    {
        var json = Run("market", "clear", "--book", WriteBook("book.json", JsonBook), "--mechanism", "pay-as-bid", "--json");
        var csv = Run("market", "clear", "--book", WriteBook("book.csv", CsvBook), "--mechanism", "pay-as-bid", "--json");

        Assert.Equal(json, csv);
        Assert.Contains("\"seller_price_per_kwh\":\"0.1\"", csv.Output, StringComparison.Ordinal);
        Assert.Contains("\"market_operator_surplus\":\"1\"", csv.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_CsvWithoutExtension_IsSniffed()
    {
        var (exitCode, output, _) = Run("market", "clear", "--book", WriteBook("book.txt", CsvBook), "--mechanism", "pay-as-clear", "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("\"clearing_price_per_kwh\":\"0.225\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_BooksDoNotCross_PriceIsNull()
    {
        var book = WriteBook("book.json", """{"orders":[{"id":"b1","side":"buy","quantity_kwh":"1","price_per_kwh":"0.1"},{"id":"s1","side":"sell","quantity_kwh":"1","price_per_kwh":"0.2"}]}""");

        var (_, output, _) = Run("market", "clear", "--book", book, "--mechanism", "pay-as-clear", "--json");

        Assert.Equal("""{"mechanism":"pay-as-clear","clearing_price_per_kwh":null,"cleared_quantity_kwh":"0","fills":[]}""", output);
    }

    [Theory]
    [InlineData("book.json", """{"orders":[{"id":"b1","side":"buy","quantity_kwh":"1","price_per_kwh":"0.1"},""" + "\n" + """{"id":"b2","side":"buy","quantity_kwh":"1.0000001","price_per_kwh":"0.1"}]}""", "error: market.book.bad-quantity: line 2, order 'b2': quantity_kwh '1.0000001' is not a decimal number of kWh with at most 6 decimals")]
    [InlineData("book.json", "{\"orders\":[\n{\"id\":\"b1\",\"side\":\"buy\",\"quantity_kwh\":1}]}", "error: market.book.bad-json: line 2: order #1: \"quantity_kwh\" must be a decimal string such as \"10.5\", not a JSON number (strings keep values exact)")]
    [InlineData("book.json", "{\"orders\":[\n{\"id\":\"b1\",,}]}", "error: market.book.bad-json: line 2: not valid JSON")]
    [InlineData("book.json", "{\"orders\":[\n\n{\"id\":7,\"side\":\"buy\"}]}", "error: market.book.bad-json: line 3: order #1: \"id\" must be a string")]
    [InlineData("book.json", "{\"bids\":[]}", "error: market.book.bad-json: the book has no \"orders\" array")]
    [InlineData("book.csv", "id,side,quantity_kwh,price_per_kwh\nb1,buy,1,0.1\nb1,sell,2,0.1", "error: market.book.duplicate-id: line 3, order 'b1': the id is already used at line 2")]
    [InlineData("book.csv", "id,side,quantity_kwh,price_per_kwh\nb1,purchase,1,0.1", "error: market.book.bad-side: line 2, order 'b1': side 'purchase' is neither \"buy\" nor \"sell\"")]
    [InlineData("book.csv", "id,side,quantity_kwh,price_per_kwh\nb1,buy,-1,0.1", "error: market.book.bad-quantity: line 2, order 'b1': quantity_kwh '-1' must be greater than zero")]
    [InlineData("book.csv", "id,side,price_per_kwh\nb1,buy,0.1", "error: market.book.bad-csv: line 1: the header has no 'quantity_kwh' column")]
    [InlineData("book.csv", "id,side,quantity_kwh\nb1,buy", "error: market.book.bad-csv: line 2: 2 fields, but the header has 3")]
    [InlineData("book.csv", "id,side,quantity_kwh,price_per_kwh\n,buy,1,0.1", "error: market.book.missing-id: line 2: the order has no id")]
    public void Clear_MalformedBook_ErrorOnStderrNamesLineAndExitsInvalidInput(string name, string content, string expected)
    {
        var (exitCode, output, error) = Run("market", "clear", "--book", WriteBook(name, content), "--mechanism", "pay-as-clear", "--json");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_MissingFile_InvalidInput()
    {
        var (exitCode, _, error) = Run("market", "clear", "--book", Path.Combine(_directory.FullName, "none.json"), "--mechanism", "pay-as-clear");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("error: market.book.unreadable:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_MeritOrderScarcity_ReportsCapUnservedAndDispatch()
    {
        var book = WriteBook("mpm.csv", "id,side,quantity_kwh,price_per_kwh,technology\nn1,sell,100,0.01,nuclear\nh1,sell,40,0.045,hydro\nd1,buy,150,,\n");

        var (exitCode, output, _) = Run("market", "clear", "--book", book, "--mechanism", "merit-order", "--price-cap", "3", "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(
            """{"mechanism":"merit-order","clearing_price_per_kwh":"3","cleared_quantity_kwh":"140","fills":[{"buy":"d1","sell":"n1","quantity_kwh":"100","price_per_kwh":"3"},{"buy":"d1","sell":"h1","quantity_kwh":"40","price_per_kwh":"3"}],"price_cap_per_kwh":"3","scarcity":true,"unserved_quantity_kwh":"10","dispatch":[{"unit":"n1","technology":"nuclear","dispatched_kwh":"100"},{"unit":"h1","technology":"hydro","dispatched_kwh":"40"}]}""",
            output);
    }

    [Fact]
    public void Clear_InelasticDemandInAuction_InvalidInput()
    {
        var book = WriteBook("book.csv", "id,side,quantity_kwh,price_per_kwh\nd1,buy,1,\ns1,sell,1,0.1");

        var (exitCode, _, error) = Run("market", "clear", "--book", book, "--mechanism", "pay-as-clear");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("error: market.book.missing-price: order 'd1'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_JsonConstraints_CurtailCrossZoneTrade()
    {
        var book = WriteBook("book.json", """
            {"orders":[{"id":"s1","side":"sell","quantity_kwh":"10","price_per_kwh":"0.1","zone":"A"},
                       {"id":"b1","side":"buy","quantity_kwh":"10","price_per_kwh":"0.3","zone":"B"}],
             "constraints":{"zones":[{"zone":"A","max_export_kwh":"4"}],"flows":[{"from":"A","to":"B","max_kwh":"6"}]}}
            """);

        var (_, output, _) = Run("market", "clear", "--book", book, "--mechanism", "pay-as-clear", "--json");

        Assert.Equal("""{"mechanism":"pay-as-clear","clearing_price_per_kwh":"0.2","cleared_quantity_kwh":"4","fills":[{"buy":"b1","sell":"s1","quantity_kwh":"4","price_per_kwh":"0.2"}],"curtailed_quantity_kwh":"6"}""", output);
    }

    [Fact]
    public void Clear_WithoutJson_PrintsTables()
    {
        var (exitCode, output, _) = Run("market", "clear", "--book", WriteBook("book.json", JsonBook), "--mechanism", "pay-as-clear");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Fills", output, StringComparison.Ordinal);
        Assert.Contains("0.225", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchMarket_SmallJson_PrintsOneObjectWithAllFigures()
    {
        var (_, output, _) = Run("bench", "market", "--json", "--orders", "2000", "--units", "200", "--runs", "1");

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(2000, root.GetProperty("orders").GetInt32());
        Assert.Equal(200, root.GetProperty("merit_order_units").GetInt32());
        Assert.Equal(50, root.GetProperty("target_ms").GetInt32());
        Assert.True(root.GetProperty("pay_as_clear_median_ms").GetDouble() >= 0);
        Assert.True(root.GetProperty("pay_as_bid_median_ms").GetDouble() >= 0);
        Assert.True(root.GetProperty("merit_order_median_ms").GetDouble() >= 0);
        Assert.Contains(root.GetProperty("meets_target").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
    }
}
