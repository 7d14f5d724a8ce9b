using Npgsql;

namespace Flecs.Storage.Postgres.Tests;

/// <summary>A uniquely named UTF8 database on the server that FLECS_TEST_POSTGRES names, dropped on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    public const string Variable = "FLECS_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name = "flecs_test_" + Guid.NewGuid().ToString("N");
    private int _schemas;

    public TestDatabase()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server, e.g. {Variable}='Host=127.0.0.1;Port=5432;Username=flecs;Password=flecs;Database=postgres' (build/test.sh starts one and sets it).");
        }

        _admin = new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString;
        Admin($"CREATE DATABASE {_name} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;
    }

    /// <summary>The connection string of the database (default schema).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a new empty schema and returns a connection string whose search path starts there.</summary>
    public string NewSchema()
    {
        var schema = $"s{_schemas++}";
        Execute(ConnectionString, $"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private void Admin(string sql) => Execute(_admin, sql);
}
