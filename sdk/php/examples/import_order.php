<?php
/*
 * import_order.php — a PHP shop imports one of its orders into Reclaim and opens a complaint.
 *
 *   php import_order.php [ADAPTER [ORDER_FILE [DATABASE]]]
 *
 * ADAPTER is the order document's format (default "woocommerce"; "reclaim" for Reclaim's own),
 * ORDER_FILE the document (default: WooCommerce's order 727 beside this file), DATABASE a SQLite
 * file (default: an in-memory database). The first line of the order is checked against the
 * law and the shop's policy, then claimed: by the customer when the check allows it, else by
 * the shop's support desk (staff may open what a customer may not; the history says so).
 *
 * Exit status: 0 on success, 2 on bad arguments, 10 + the status on a refusal by Reclaim
 * (17 "unsupported" when this build has no such adapter).
 */
declare(strict_types=1);

require dirname(__DIR__) . '/Reclaim.php';

$adapter = $argv[1] ?? 'woocommerce';
$orderFile = $argv[2] ?? __DIR__ . '/woocommerce-order-727.json';
$database = $argv[3] ?? ':memory:';
if ($argc > 4 || in_array($adapter, ['-h', '--help'], true)) {
    fwrite(STDERR, "usage: php import_order.php [ADAPTER [ORDER_FILE [DATABASE]]]\n");
    exit($argc > 4 ? 2 : 0);
}
$document = @file_get_contents($orderFile);
if ($document === false) {
    fwrite(STDERR, "import_order: cannot read $orderFile\n");
    exit(2);
}

try {
    $engine = Reclaim\Engine::open(['database' => 'sqlite:' . $database]);
    echo 'Reclaim ', $engine->info['version'], ' on ', $engine->info['database'], "\n";

    $imported = $engine->importOrder($adapter, $document);
    $order = $imported['order'];
    $line = $order['lines'][0];
    printf("order %s %s: %d line(s), first: %s × %d\n", $order['id'],
        $imported['created'] ? 'imported' : 'updated', count($order['lines']), $line['name'],
        $line['qty']);

    $email = $order['customer']['email'] ?? null;
    $check = $engine->checkEligibility([
        'order_id' => (string)$order['id'],
        'kind' => 'complaint',
        'locale' => 'en',
        'items' => [['line' => (string)$line['id'], 'qty' => 1, 'reason' => 'defect']],
    ]);
    $verdict = $check['items'][0];
    printf("eligibility: %s (%s)\n", $verdict['code'], $verdict['message']);
    $byCustomer = $email !== null && $check['eligible'];
    $case = $engine->openCase([
        'kind' => 'complaint',
        'channel' => $byCustomer ? 'web' : 'phone',
        'actor' => $byCustomer ? ['role' => 'customer'] : ['role' => 'agent', 'id' => 'support'],
        'order_id' => (string)$order['id'],
        'customer' => $email !== null ? ['email' => $email] : ['name' => 'Walk-in customer'],
        'items' => [['line' => (string)$line['id'], 'qty' => 1, 'reason' => 'defect']],
        'description' => 'Stopped working after a week.',
        'preferred_resolution' => 'refund',
    ]);
    printf("case %s opened: %s, decision due %s\n", $case['number'], $case['state'],
        $case['deadlines']['decision_due'] ?? '-');
    $engine->close();
} catch (Reclaim\ReclaimException $e) {
    fprintf(STDERR, "import_order: %s: %s%s\n", $e->errorCode, $e->getMessage(),
        $e->field !== null ? " (field: {$e->field})" : '');
    exit(10 + $e->getCode());
}
